/**
 * Dev tooling that drives a real n8n (2.41.1 on Node 24, installed by scripts/install-n8n) with
 * this package loaded. Never shipped.
 *
 *   const install = await ensureN8nInstalled();
 *   const userFolder = createUserFolder({ install });
 *   installPackage(userFolder, repoRoot());
 *   const run = await runWorkflow(userFolder, linearWorkflow('x', [manualTrigger(), noOp()]));
 *   const server = await startN8n({ userFolder });   // ... server.stop()
 */
export * from './cli';
export * from './env';
export * from './install';
export * from './package';
export * from './process';
export * from './server';
export * from './types';
export * from './workflows';
