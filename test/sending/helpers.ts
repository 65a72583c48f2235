import { sleep } from 'n8n-workflow';

/**
 * Waits so that a send that was wrongly left running (an orphaned promise, a paced item) would
 * have reached the sandbox by now; tests then assert the exact request count.
 */
export async function settle(ms = 300) {
	await sleep(ms);
}
