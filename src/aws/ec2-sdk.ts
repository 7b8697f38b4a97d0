/**
 * The EC2 SDK, loaded only through `await import('./ec2-sdk.js')`: the client is the largest of the
 * SDK's (about 40 MB resident once loaded, more than every other client together) and only answers
 * which regions are enabled, so a run given `--regions` never loads it. Our own module, because a
 * bundled CommonJS package imported dynamically exposes no named exports.
 */
export { DescribeRegionsCommand, EC2Client } from '@aws-sdk/client-ec2';
