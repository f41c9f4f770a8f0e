// Selects for the enumerations several forms share.
import { STATES, TOKEN_TYPES } from '../lib/enums';
import { Select } from './Field';

type State = (typeof STATES)[number];

export function StateSelect({ value, onChange, errors }: { value: State; onChange: (state: State) => void; errors?: string[] | undefined }) {
  return <Select label="State" value={value} options={STATES} onChange={onChange} errors={errors} />;
}

export function TokenTypeSelect({ value, onChange, hint }: { value: (typeof TOKEN_TYPES)[number]; onChange: (type: (typeof TOKEN_TYPES)[number]) => void; hint: string }) {
  return <Select label="Access token type" value={value} options={TOKEN_TYPES} onChange={onChange} hint={hint} />;
}
