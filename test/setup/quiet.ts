/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test setup, never shipped */
/**
 * n8n-core logs every node error it handles (winston, to the console); the tests cause many on
 * purpose and check them in the results, so a clean run prints only the results.
 */
process.env.N8N_LOG_LEVEL = 'silent';
