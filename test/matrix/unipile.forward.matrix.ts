// The send invariants for one operation (test/matrix/harness.ts); waits on the virtual clock.
jest.mock('n8n-workflow', () =>
	jest
		.requireActual<typeof import('../engine/clock')>('../engine/clock')
		.workflowWithVirtualSleep(),
);
import { matrix } from './harness';

matrix('unipile.forward');
