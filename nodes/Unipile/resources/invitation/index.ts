import type { Resource } from '../../../shared/descriptions';
import { accept, decline } from './answer';
import { getAll } from './getAll';
import { send } from './send';
import { withdraw } from './withdraw';

export const invitation: Resource = {
	name: 'Invitation',
	value: 'invitation',
	operations: [send, getAll, withdraw, accept, decline],
};
