import { useTranslation } from "react-i18next";
import type { reservedShareProgress } from "~/domain/institutions/institutions.server";
import { Money } from "~/components/money";

type Progress = NonNullable<Awaited<ReturnType<typeof reservedShareProgress>>>;

function ProgressBar({ percent }: { percent: number }) {
  const { t } = useTranslation();
  return (
    <div
      className="progress"
      role="progressbar"
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={Math.min(100, percent)}
      aria-valuetext={t("contrib.progress.label", { percent })}
      aria-label={t("contrib.progress.label", { percent })}
      data-testid="reserved-share-progress"
    >
      <div className="progress__bar" style={{ width: `${Math.min(100, percent)}%` }} />
    </div>
  );
}

/** An institution's eligible purchases this year against its reserved share (预留份额). */
export function ReservedShareProgress({ progress }: { progress: Progress }) {
  const { t } = useTranslation();
  return (
    <section className="contrib-panel" aria-labelledby="progress-title">
      <h2 id="progress-title">{t("contrib.progress.title", { year: progress.year })}</h2>
      {progress.targetFen != null && progress.percent != null ? (
        <>
          <ProgressBar percent={progress.percent} />
          <p>{t("contrib.progress.label", { percent: progress.percent })}</p>
          <dl className="progress-facts">
            <div>
              <dt>{t("contrib.progress.achieved")}</dt>
              <dd className="aid-figure">
                <Money fen={progress.achievedFen} />
              </dd>
            </div>
            <div>
              <dt>{t("contrib.progress.target")}</dt>
              <dd>
                <Money fen={progress.targetFen} />
              </dd>
            </div>
            <div>
              <dt>{t("contrib.progress.remaining")}</dt>
              <dd>
                <Money fen={progress.remainingFen ?? 0} />
              </dd>
            </div>
          </dl>
          {progress.remainingFen === 0 ? (
            <p className="alert alert--success">{t("contrib.progress.done")}</p>
          ) : null}
        </>
      ) : (
        <p className="muted">{t("contrib.progress.noTarget")}</p>
      )}
    </section>
  );
}
