import { field, pathId } from '../../../shared/parameters';

export const invitationId = field(
	{
		displayName: 'Invitation ID',
		name: 'invitationId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 7449262477600571393',
		description: 'The ID of the invitation, as Invitation > Get Many outputs it',
	},
	pathId(),
	'Map the invitation ID, e.g. {{ $json.id }} from Invitation > Get Many.',
);
