import type { Ambiguity, BankImportSettings, ColumnPreview, ImportSettings } from "@/lib/csv/import";
import { Button } from "../ui/button";
import { currentOption, guessSentence, optionLabel, withOption } from "./ambiguity-choice";
import { settingLabel } from "./settings-options";

type Props = {
  ambiguities: readonly Ambiguity[];
  settings: BankImportSettings;
  columns: readonly ColumnPreview[];
  onChange: (next: ImportSettings) => void;
};

/** What detection had to guess, first on the page, each with a one-click way to take the other reading. */
export function AmbiguityNotes({ ambiguities, settings, columns, onChange }: Props) {
  if (ambiguities.length === 0) return null;
  return (
    <section aria-labelledby="import-guesses-heading" className="rounded-xl border border-amber-300 bg-amber-50 p-4 text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-50">
      <h3 id="import-guesses-heading" className="font-semibold">
        {ambiguities.length === 1 ? "One thing to check" : `${ambiguities.length} things to check`}
      </h3>
      <ul className="mt-2 flex flex-col gap-3">
        {ambiguities.map((ambiguity) => {
          const current = currentOption(settings, ambiguity.field);
          const others = ambiguity.options.filter((option) => option !== current && withOption(settings, ambiguity.field, option) !== null);
          return (
            <li key={ambiguity.field} className="flex flex-col gap-2">
              <p className="text-sm">
                <span className="font-semibold">{settingLabel(ambiguity.field)}:</span>{" "}
                {current !== null && current !== ambiguity.options[0]
                  ? `You changed it to ${optionLabel(ambiguity.field, current, columns)}; check the preview.`
                  : guessSentence(ambiguity.field, ambiguity.options[0], columns)}{" "}
                <span className="text-amber-900 dark:text-amber-200">{ambiguity.message}.</span>
              </p>
              {others.length > 0 ? (
                <div className="flex flex-wrap gap-2">
                  {others.map((option) => (
                    <Button
                      key={option}
                      size="sm"
                      className="h-auto min-h-9 whitespace-normal py-1.5 text-left"
                      onClick={() => {
                        const next = withOption(settings, ambiguity.field, option);
                        if (next) onChange(next);
                      }}
                    >
                      Use {optionLabel(ambiguity.field, option, columns)}
                    </Button>
                  ))}
                </div>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
