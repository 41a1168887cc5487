"use client";

import { Bar, BarChart, Cell, Pie, PieChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

/** Recharts lives only in this module, which /insights loads lazily (next/dynamic): /tracker never pays for it. */

export type ChartDatum = { label: string; value: number; text: string };

const COLOURS = ["#047857", "#0369a1", "#b45309", "#7c3aed", "#be123c", "#4d7c0f", "#0f766e", "#a21caf", "#475569"];

export function MonthBars({ data }: { data: ChartDatum[] }) {
  return (
    <div className="h-56 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <XAxis dataKey="label" tick={{ fontSize: 11, fill: "currentColor" }} interval="preserveStartEnd" tickLine={false} />
          <YAxis tick={{ fontSize: 11, fill: "currentColor" }} width={48} tickLine={false} axisLine={false} />
          <Tooltip formatter={(_value, _name, item) => (item.payload as ChartDatum).text} cursor={{ fill: "rgba(4,120,87,0.08)" }} />
          <Bar dataKey="value" fill="#047857" radius={[4, 4, 0, 0]} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

export function CategoryDonut({ data }: { data: ChartDatum[] }) {
  return (
    <div className="flex flex-col items-center gap-3 sm:flex-row">
      <div className="h-48 w-48 shrink-0">
        <ResponsiveContainer width="100%" height="100%">
          <PieChart>
            <Pie data={data} dataKey="value" nameKey="label" innerRadius="55%" outerRadius="90%" paddingAngle={1} isAnimationActive={false}>
              {data.map((datum, i) => (
                <Cell key={datum.label} fill={COLOURS[i % COLOURS.length]} />
              ))}
            </Pie>
            <Tooltip formatter={(_value, _name, item) => (item.payload as ChartDatum).text} />
          </PieChart>
        </ResponsiveContainer>
      </div>
      <ul className="grid w-full grid-cols-1 gap-1 text-sm">
        {data.map((datum, i) => (
          <li key={datum.label} className="flex items-center gap-2">
            <span className="size-3 shrink-0 rounded-sm" style={{ background: COLOURS[i % COLOURS.length] }} />
            <span className="mr-auto truncate">{datum.label}</span>
            <span className="tabular-nums">{datum.text}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
