/**
 * End-to-end suite against a real n8n 2.41.1 (installed by scripts/install-n8n, driven by
 * tools/n8n). Run with `npm run test:e2e` (builds first) on Node 24 (scripts/node24).
 */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.e2e.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.tools.json' }],
	},
	testTimeout: 300000,
	maxWorkers: 1,
};
