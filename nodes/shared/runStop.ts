import type { IExecuteSingleFunctions, INode } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { fixableError } from './errors';

interface Reason {
	message: string;
	description: string;
}

const EXECUTION_ENDED: Reason = {
	message: 'Not sent: the execution ended before this item was sent',
	description:
		'The execution failed or was stopped while this message waited for its turn, so it was not sent.',
};

/**
 * The end of a node run's sends: the execution ended (cancelled, failed, finished; from n8n's
 * public hooks), or the run failed and stops what has not left. Waits end at once when it comes,
 * and no request starts after it.
 */
export class RunStop {
	private reason?: Reason;
	private readonly wakers = new Set<() => void>();
	readonly node: INode;

	constructor(context: IExecuteSingleFunctions) {
		this.node = context.getNode();
		const signal = context.getExecutionCancelSignal();
		if (signal?.aborted) this.stop();
		signal?.addEventListener('abort', () => this.stop(), { once: true });
		// n8n 2.x; absent in 1.x and where there are no lifecycle hooks (docs/n8n-behaviour.md).
		if ('onExecutionFinish' in context && typeof context.onExecutionFinish === 'function') {
			context.onExecutionFinish(() => this.stop());
		}
	}

	/** The first reason given stays. */
	stop(reason: Reason = EXECUTION_ENDED) {
		this.reason ??= reason;
		for (const wake of this.wakers) wake();
		this.wakers.clear();
	}

	/** Throws, once stopped, the error of a send that never left. */
	check(itemIndex: number) {
		if (!this.reason) return;
		const { message, description } = this.reason;
		throw fixableError(this.node, message, description, itemIndex);
	}

	/** `promise`, or that error as soon as the run stops. */
	async wait<T>(promise: Promise<T>, itemIndex: number): Promise<T> {
		this.check(itemIndex);
		let wake = () => {};
		const woken = new Promise<'stopped'>((resolve) => (wake = () => resolve('stopped')));
		this.wakers.add(wake);
		try {
			const winner = await Promise.race([promise.then((value) => ({ value })), woken]);
			if (winner === 'stopped') this.check(itemIndex);
			return (winner as { value: T }).value;
		} finally {
			this.wakers.delete(wake);
		}
	}

	async sleep(ms: number, itemIndex: number) {
		if (ms > 0) await this.wait(sleep(ms), itemIndex);
		this.check(itemIndex);
	}
}
