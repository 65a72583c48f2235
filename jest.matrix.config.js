/** The send invariants over every combination (test/matrix): `npm run test:matrix`. */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/matrix'],
	testMatch: ['**/*.matrix.ts'],
	setupFiles: ['<rootDir>/test/setup/quiet.ts'],
	// n8n-core's waits on the test's virtual clock (test/engine/n8nUtilsSleep.ts).
	moduleNameMapper: { '^@n8n/utils/sleep$': '<rootDir>/test/engine/n8nUtilsSleep.ts' },
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.tools.json' }],
	},
	// Jest's default leaves one core idle: on 2 cores that is one worker, and twice the time.
	maxWorkers: '100%',
	testTimeout: 30000,
};
