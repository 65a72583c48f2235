/**
 * 1. 500 sends (pacing off): our Message → Send against the declarative floor and n8n's HTTP
 * Request node making the same POST; node execution time, expression evaluations and credential
 * decryptions per item.
 */
import { progress } from '../n8n';
import type { Bench } from './context';
import { rounds, takeSends } from './context';
import { evaluations, nodeTimeMs, outputCount } from './headless';
import type { Row } from './report';
import { median, ratio } from './report';
import { MEASURED, WORKFLOW } from './workflows';

export const SEND_ITEMS = 500;

export async function sendFigures(bench: Bench): Promise<Row[]> {
	progress(
		`sends: ${SEND_ITEMS} items, ours / declarative floor / HTTP Request, ${bench.runs} runs each`,
	);
	const ids = [WORKFLOW.sendOurs, WORKFLOW.sendFloor, WORKFLOW.sendHttp];
	const results = await rounds(bench, ids, bench.runs, (id, run) => {
		const sent = takeSends(bench.sandboxes.unipile).length;
		const items = outputCount(run, MEASURED);
		if (items !== SEND_ITEMS || sent !== SEND_ITEMS) {
			throw new Error(`${id}: ${items} output items, ${sent} sends received (want ${SEND_ITEMS})`);
		}
		const total = Object.values(run.probe.expressions).reduce((sum, count) => sum + count, 0);
		return {
			ms: nodeTimeMs(run, MEASURED),
			perItem: total / SEND_ITEMS,
			textPerItem: evaluations(run, '$json.text') / SEND_ITEMS,
			credentialsPerItem: run.probe.counters.credentials / SEND_ITEMS,
		};
	});
	const ms = (id: string) => median(results[id].map((entry) => entry.ms));
	const perItem = (id: string) => results[id][0].perItem;
	const textPerItem = (id: string) => results[id][0].textPerItem;
	const [ours, floor, http] = ids.map(ms);
	const all = (id: string) => results[id].map((entry) => entry.ms).join('/');
	progress(
		`    node time (medians): ours ${ours} ms, floor ${floor} ms, HTTP Request ${http} ms (runs ${ids.map(all).join(' vs ')}); expressions per item: ${ids.map((id) => `${perItem(id)} (${textPerItem(id)} of $json.text)`).join(' / ')}; credential decryptions per item: ${ids.map((id) => results[id][0].credentialsPerItem).join(' / ')}`,
	);
	return [
		{
			figure: `${SEND_ITEMS} sends (pacing off), node execution time, median of ${bench.runs}: ours vs declarative floor`,
			ours: `${ours} ms`,
			reference: `floor ${floor} ms`,
			ratio: ratio(ours / floor),
			target: '≤ 1.25×',
			met: ours / floor <= 1.25,
		},
		{
			figure: `${SEND_ITEMS} sends: ours vs n8n's HTTP Request node`,
			ours: `${ours} ms`,
			reference: `HTTP Request ${http} ms`,
			ratio: ratio(ours / http),
			target: '—',
		},
		{
			figure:
				'Expression evaluations per sent item (all expressions of the run ÷ items; probe), and credential decryptions',
			ours: `${perItem(WORKFLOW.sendOurs)}; ${results[WORKFLOW.sendOurs][0].credentialsPerItem} decryptions`,
			reference: `floor ${perItem(WORKFLOW.sendFloor)}; ${results[WORKFLOW.sendFloor][0].credentialsPerItem}. HTTP Request ${perItem(WORKFLOW.sendHttp)}; ${results[WORKFLOW.sendHttp][0].credentialsPerItem}`,
			ratio: ratio(perItem(WORKFLOW.sendOurs) / perItem(WORKFLOW.sendFloor)),
			target: '—',
		},
	];
}
