/** Unit and in-process tests; the real-n8n suite runs with `npm run test:e2e`. */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	setupFiles: ['<rootDir>/test/setup/quiet.ts'],
	// n8n-core's own waits on the test's virtual clock, where a test uses it (test/engine/n8nUtilsSleep.ts).
	moduleNameMapper: { '^@n8n/utils/sleep$': '<rootDir>/test/engine/n8nUtilsSleep.ts' },
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.tools.json' }],
	},
	// Jest's default leaves one core idle: on 2 cores that is one worker, and twice the time.
	maxWorkers: '100%',
	testTimeout: 30000,
};
