#!/usr/bin/env node
// The CLI runs from the bundle (one file to load, see scripts/bundle.mjs); `npm run build` makes it.
import { main } from '../dist/bundle/tcompose.js';

// A reader that went away (`tcompose logs | head`) ends the output quietly, as it does for other CLI tools.
process.stdout.on('error', (err) => { if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0); else throw err; });

process.exitCode = await main(process.argv.slice(2));
