import type { Resource } from '../../../shared/descriptions';
import { forward } from './forward';
import { get } from './get';
import { getAll } from './getAll';
import { react } from './react';
import { reply } from './reply';
import { send } from './send';

export const message: Resource = {
	name: 'Message',
	value: 'message',
	operations: [send, reply, forward, getAll, get, react],
};
