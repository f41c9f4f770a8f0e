// A dense table with a header row; the last, unnamed column holds each row's actions.
import type { ReactNode } from 'react';

export function Grid({ columns, children }: { columns: string[]; children: ReactNode }) {
  return (
    <table className="grid">
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c} scope="col">
              {c}
            </th>
          ))}
          <th />
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}
