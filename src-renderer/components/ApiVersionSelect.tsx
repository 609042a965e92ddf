// The API versions a legal entity can use, shared by the new-entity form and the entity's settings.
import { ApiVersionSchema, type ApiVersion } from '../../src-preload/contract';

export function ApiVersionSelect({
  id,
  describedBy,
  value,
  onChange,
}: {
  id: string;
  describedBy: string | undefined;
  value: ApiVersion;
  onChange: (value: ApiVersion) => void;
}) {
  return (
    <select id={id} className="select" aria-describedby={describedBy} value={value} onChange={(e) => onChange(ApiVersionSchema.parse(e.target.value))}>
      <option value="v3">v3 (current)</option>
      <option value="v2">v2</option>
      <option value="v1">v1 (discontinued)</option>
    </select>
  );
}
