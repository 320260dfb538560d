// A deliberately broken copy of a production plugin build: one exposed module's factory throws
// when the console loads it. The test uses it to show that the host notices; by hand:
//   npx tsx integration-tests/console-host/break-plugin.ts pools /tmp/broken-plugin
import { cp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const BROKEN_MESSAGE = 'console-host: deliberately broken exposed module';

interface Manifest {
  loadScripts: string[];
}

/** Copies `srcDir` to `destDir` and makes the exposed module `name` throw when it is evaluated. */
export async function throwingPluginCopy(srcDir: string, destDir: string, name: string): Promise<string> {
  await rm(destDir, { recursive: true, force: true });
  await cp(srcDir, destDir, { recursive: true });
  const manifest = JSON.parse(await readFile(join(destDir, 'plugin-manifest.json'), 'utf8')) as Manifest;
  const entry = await readFile(join(destDir, manifest.loadScripts[0]!), 'utf8');
  // The container's `get` map: `<name>:()=>Promise.all([...]).then(()=>()=>r(<module id>))`.
  const esc = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const id = new RegExp(
    `[{,]"?${esc}"?:\\(\\)=>(?:Promise\\.all\\(\\[[^\\]]*\\]\\)|\\w+\\.e\\([^)]*\\))\\.then\\(\\(\\)=>\\(\\)=>\\w+\\((\\d+)\\)\\)`,
  ).exec(entry)?.[1];
  if (!id) throw new Error(`the plugin entry exposes no module ${name}`);
  const chunkFile = (await readdir(destDir)).find(
    (f) => f.startsWith(`exposed-${name}-chunk-`) && f.endsWith('.js'),
  );
  if (!chunkFile) throw new Error(`no chunk of exposed module ${name}`);
  const chunk = await readFile(join(destDir, chunkFile), 'utf8');
  // The module's factory, as webpack writes it: `<id>(e,t,n){`, `<id>:(e,t,n)=>{` or `<id>:function(e,t,n){`.
  const factory = new RegExp(`([{,]${id}(?::function)?\\([^)]*\\)(?:=>)?\\{|[{,]${id}:\\([^)]*\\)=>\\{)`);
  if (!factory.test(chunk)) throw new Error(`module ${id} not found in ${chunkFile}`);
  const broken = chunk.replace(
    factory,
    (m) => `${m}throw new Error(${JSON.stringify(`${BROKEN_MESSAGE} ${name}`)});`,
  );
  await writeFile(join(destDir, chunkFile), broken);
  return destDir;
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  const [name, dest] = process.argv.slice(2);
  if (!name || !dest) throw new Error('usage: break-plugin.ts <exposed module> <destination directory>');
  await throwingPluginCopy(join(import.meta.dirname, '..', '..', 'dist'), dest, name);
  console.log(`wrote ${dest}: exposed module ${name} throws when loaded`);
}
