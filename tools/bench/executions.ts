/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev tooling: reads a benched n8n's database, never shipped */
/**
 * A headless run's result, read from the execution n8n saved in its SQLite database after the
 * process has exited. `n8n execute` also logs the run as one JSON line, but it exits without
 * waiting for its logger: a large run (10,000 conversations from the HTTP Request node) loses that
 * line while "Execution was successful" is printed. n8n saves every execution of mode `cli` with
 * its data by default (`EXECUTIONS_DATA_SAVE_ON_SUCCESS=all`, `…_ON_ERROR=all`), as
 * `execution_entity` (status) and `execution_data.data` (the run, serialised with `flatted`, which
 * is read with n8n's own copy). The row is deleted once read, so the database stays the same size
 * from run to run.
 */
import { createRequire } from 'node:module';
import * as path from 'node:path';
// eslint-disable-next-line import-x/no-unresolved -- a Node 24 built-in (the bench runs on Node 24) that the resolver does not list
import { DatabaseSync } from 'node:sqlite';

import type { ExecutionStatus } from 'n8n-workflow';

import type { N8nInstall, RunJson } from '../n8n';

interface Flatted {
	parse(text: string): unknown;
}

function flattedOf(install: N8nInstall): Flatted {
	const load = createRequire(path.join(install.home, 'node_modules', 'n8n', 'package.json'));
	return load('flatted') as Flatted;
}

interface Row {
	status: string;
	storedAt: string;
	data: string | null;
}

/**
 * The run of execution `executionId` in the user folder's database, then deleted from it. Throws
 * when it is missing or was stored elsewhere than in the database.
 */
export function takeSavedRun(
	install: N8nInstall,
	userFolder: string,
	executionId: string,
): RunJson {
	const db = new DatabaseSync(path.join(userFolder, '.n8n', 'database.sqlite'));
	try {
		const id = Number(executionId);
		const row = db
			.prepare(
				`SELECT e.status AS status, e.storedAt AS storedAt, d.data AS data
				 FROM execution_entity e LEFT JOIN execution_data d ON d.executionId = e.id
				 WHERE e.id = ?`,
			)
			.get(id) as Row | undefined;
		if (!row) throw new Error(`execution ${executionId} is not in n8n's database`);
		if (row.storedAt !== 'db' || row.data === null)
			throw new Error(
				`execution ${executionId}: its data is not in the database (${row.storedAt})`,
			);
		const data = flattedOf(install).parse(row.data) as RunJson['data'];
		if (!data?.resultData?.runData)
			throw new Error(`execution ${executionId}: saved without its run data`);
		db.prepare('DELETE FROM execution_data WHERE executionId = ?').run(id);
		db.prepare('DELETE FROM execution_entity WHERE id = ?').run(id);
		return { status: row.status as ExecutionStatus, data };
	} finally {
		db.close();
	}
}
