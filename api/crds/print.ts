// `npm run crds`: every CRD manifest as one YAML stream on stdout.
import { stringify } from 'yaml';
import { allCRDs } from './index';

// `npm run crds | head` closes the pipe early; that is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});
process.stdout.write(
  allCRDs()
    .map((crd) => `---\n${stringify(crd, { lineWidth: 0 })}`)
    .join(''),
);
