/**
 * Dev tooling that drives a real n8n (2.41.1 by default, or 1.123.x, on Node 24, installed by
 * scripts/install-n8n) with this package loaded, in regular or queue mode. Never shipped.
 *
 *   const install = await ensureN8nInstalled();
 *   const userFolder = createUserFolder({ install });
 *   installPackage(userFolder, repoRoot());
 *   const run = await runWorkflow(userFolder, linearWorkflow('x', [manualTrigger(), noOp()]));
 *   const server = await startN8n({ userFolder });   // ... server.stop()
 *   const install1x = await ensureN8nInstalled({ version: N8N_1X_VERSION });  // n8n 1.123.x
 *   const postgres = await startPostgres();            // queue mode: PostgreSQL, Redis,
 *   const redis = await startRedis();                  // main + workers + webhook process
 *   const queue = await startQueueMode({ userFolder, install, redisPort: redis.port,
 *     workers: 2, env: postgres.n8nEnv() });
 */
export * from './cli';
export * from './env';
export * from './install';
export * from './package';
export * from './process';
export * from './queue';
export * from './postgres';
export * from './redis';
export * from './server';
export * from './types';
export * from './workflows';
