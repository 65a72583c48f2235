/**
 * 1. 500 sends (pacing off), every item to a chat of its own: our Message → Send with "Skip If
 * Already Sent" on (the default: one read of the chat before each send) and off, Chat → Start from a
 * profile URL (resolved in the pre-flight, one profile read per item), against the declarative
 * floor and n8n's HTTP Request node making the same POST; node execution time, requests, expression
 * evaluations and credential decryptions per item.
 */
import { progress } from '../n8n';
import type { Bench } from './context';
import { rounds, takeRequests } from './context';
import { evaluations, nodeTimeMs, outputCount } from './headless';
import type { Row } from './report';
import { median, ratio } from './report';
import { MEASURED, WORKFLOW } from './workflows';

export const SEND_ITEMS = 500;

interface SendSample {
	ms: number;
	/** Requests the sandbox received, per item. */
	requestsPerItem: number;
	expressionsPerItem: number;
	textPerItem: number;
	credentialsPerItem: number;
	/** Each expression's evaluations per item. */
	byExpression: string;
}

const LABEL: Record<string, string> = {
	[WORKFLOW.sendOurs]: 'ours (skip on)',
	[WORKFLOW.sendNoSkip]: 'ours (skip off)',
	[WORKFLOW.startUrl]: 'Chat → Start (URL)',
	[WORKFLOW.sendFloor]: 'floor',
	[WORKFLOW.sendHttp]: 'HTTP Request',
};

export async function sendFigures(bench: Bench): Promise<Row[]> {
	const ids = [
		WORKFLOW.sendOurs,
		WORKFLOW.sendNoSkip,
		WORKFLOW.startUrl,
		WORKFLOW.sendFloor,
		WORKFLOW.sendHttp,
	];
	progress(
		`sends: ${SEND_ITEMS} items, ${ids.map((id) => LABEL[id]).join(' / ')}, ${bench.runs} runs each`,
	);
	const results = await rounds(bench, ids, bench.runs, (id, run): SendSample => {
		const { all, sends } = takeRequests(bench.sandboxes.unipileSends);
		const items = outputCount(run, MEASURED);
		if (items !== SEND_ITEMS || sends.length !== SEND_ITEMS) {
			throw new Error(
				`${id}: ${items} output items, ${sends.length} sends received (want ${SEND_ITEMS})`,
			);
		}
		const total = Object.values(run.probe.expressions).reduce((sum, count) => sum + count, 0);
		return {
			ms: nodeTimeMs(run, MEASURED),
			requestsPerItem: all.length / SEND_ITEMS,
			expressionsPerItem: total / SEND_ITEMS,
			textPerItem: evaluations(run, '$json.text') / SEND_ITEMS,
			credentialsPerItem: run.probe.counters.credentials / SEND_ITEMS,
			byExpression: Object.entries(run.probe.expressions)
				.map(([expression, count]) => `${expression.replace(/\s+/g, ' ')} ${count / SEND_ITEMS}`)
				.join(', '),
		};
	});
	const ms = (id: string) => median(results[id].map((entry) => entry.ms));
	const first = (id: string) => results[id][0];
	const all = (id: string) => results[id].map((entry) => entry.ms).join('/');
	progress(
		`    node time (medians): ${ids.map((id) => `${LABEL[id]} ${ms(id)} ms (${all(id)})`).join(', ')}`,
	);
	progress(
		`    per item: ${ids.map((id) => `${LABEL[id]} ${first(id).requestsPerItem} requests, ${first(id).expressionsPerItem} expressions (${first(id).textPerItem} of $json.text), ${first(id).credentialsPerItem} decryptions`).join('; ')}`,
	);
	for (const id of ids)
		progress(`    expressions per item, ${LABEL[id]}: ${first(id).byExpression}`);
	const floor = ms(WORKFLOW.sendFloor);
	const http = ms(WORKFLOW.sendHttp);
	const vsFloor = (id: string, what: string, target?: number): Row => ({
		figure: `${SEND_ITEMS} sends (pacing off, a chat per item), node execution time, median of ${bench.runs}: ${what} vs declarative floor`,
		ours: `${ms(id)} ms`,
		reference: `floor ${floor} ms`,
		ratio: ratio(ms(id) / floor),
		target: target === undefined ? '—' : `≤ ${target}×`,
		met: target === undefined ? undefined : ms(id) / floor <= target,
	});
	const work = (id: string) =>
		`${first(id).requestsPerItem} requests, ${first(id).expressionsPerItem} expressions, ${first(id).credentialsPerItem} decryptions`;
	return [
		vsFloor(WORKFLOW.sendOurs, 'Message → Send, Skip If Already Sent on (default)', 1.5),
		vsFloor(WORKFLOW.sendNoSkip, 'Message → Send, Skip If Already Sent off', 1.25),
		vsFloor(WORKFLOW.startUrl, 'Chat → Start from a profile URL (resolved per item; skip off)'),
		{
			figure: `${SEND_ITEMS} sends: ours (skip off) vs n8n's HTTP Request node`,
			ours: `${ms(WORKFLOW.sendNoSkip)} ms`,
			reference: `HTTP Request ${http} ms`,
			ratio: ratio(ms(WORKFLOW.sendNoSkip) / http),
			target: '—',
		},
		{
			figure:
				'Per sent item: requests the API received, expression evaluations (all of the run ÷ items; probe), credential decryptions',
			ours: `skip on: ${work(WORKFLOW.sendOurs)}; skip off: ${work(WORKFLOW.sendNoSkip)}; Chat → Start (URL): ${work(WORKFLOW.startUrl)}`,
			reference: `floor: ${work(WORKFLOW.sendFloor)}; HTTP Request: ${work(WORKFLOW.sendHttp)}`,
			ratio: '—',
			target: '—',
		},
	];
}
