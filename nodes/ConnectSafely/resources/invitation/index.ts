import type { Resource } from '../../../shared/descriptions';
import { send } from './send';

export const invitation: Resource = {
	name: 'Invitation',
	value: 'invitation',
	operations: [send],
};
