/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- dev tooling: measures the built package, never shipped */
/** Package figures: `npm pack` size, time to require every node and credential, runtime deps. */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { runBounded } from '../n8n';
import { median } from './report';

async function run(command: string, args: string[], cwd: string): Promise<string> {
	const result = await runBounded(command, args, { cwd, env: process.env, timeoutMs: 60_000 });
	if (result.code !== 0) {
		throw new Error(
			`${command} ${args.join(' ')} failed (${result.code ?? result.signal}): ${result.output.slice(-500)}`,
		);
	}
	return result.output;
}

export async function packageFigures(root: string) {
	// --loglevel=silent: only the JSON on the output (runBounded merges stdout and stderr).
	const packed = await run(
		'npm',
		['pack', '--dry-run', '--json', '--ignore-scripts', '--loglevel=silent'],
		root,
	);
	const [pack] = JSON.parse(packed.slice(packed.indexOf('['))) as Array<{ size: number }>;
	const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
		dependencies?: Record<string, string>;
		n8n: { nodes: string[]; credentials: string[] };
	};
	const files = [...pkg.n8n.nodes, ...pkg.n8n.credentials].map((file) => path.join(root, file));
	// n8n has n8n-workflow and zod loaded already: time only our files.
	const script = `require('n8n-workflow'); require('zod'); const t = process.hrtime.bigint(); for (const f of ${JSON.stringify(files)}) require(f); console.log(Number(process.hrtime.bigint() - t) / 1e6);`;
	const times: number[] = [];
	for (let index = 0; index < 5; index++) {
		const output = await run(process.execPath, ['-e', script], root);
		times.push(Number(output.trim().split('\n').pop()));
	}
	return {
		packKb: pack.size / 1024,
		requireMs: median(times),
		dependencies: Object.keys(pkg.dependencies ?? {}).length,
	};
}
