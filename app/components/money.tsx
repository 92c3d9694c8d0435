import { useTranslation } from "react-i18next";
import { formatFen } from "~/utils/money";

export function Money({ fen, className }: { fen: number; className?: string }) {
  const { i18n } = useTranslation();
  return <span className={className}>{formatFen(fen, i18n.language)}</span>;
}
