// `npm start` / `npm stop`: the whole product on one machine (the playground). The pieces are in
// scripts/playground/; `npm start -- --help` describes it.
import { parsePlaygroundArgs, USAGE } from './playground/args';
import { startCommand, stopCommand } from './playground/commands';

let args;
try {
  args = parsePlaygroundArgs(process.argv.slice(2), process.env);
} catch (err) {
  console.error(`playground: ${(err as Error).message}\n\n${USAGE}`);
  process.exit(2);
}
if (args.mode === 'help') {
  console.log(USAGE);
  process.exit(0);
}
try {
  process.exit(args.mode === 'stop' ? await stopCommand() : await startCommand(args));
} catch (err) {
  console.error(`playground: ${(err as Error).message}`);
  process.exit(1);
}
