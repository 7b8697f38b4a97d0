/**
 * Child process for the interrupt test: writes a report large enough that a signal lands while
 * the temporary file exists. `--own-handler`: like the full-screen app, the process handles
 * SIGTERM itself (and ends with 99 so the test can tell who ended it).
 */
import { writeReportFile } from '../../../src/report/write-file.js';

const [target, megabytes, flag] = process.argv.slice(2);
if (flag === '--own-handler') process.on('SIGTERM', () => setImmediate(() => process.exit(99)));
await writeReportFile(target, 'x'.repeat(Number(megabytes) * 1024 * 1024));
process.stdout.write('finished\n');
