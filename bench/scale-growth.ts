import { formatInt, formatRatio, type Row, verdict } from './support/table.ts';

const PART = 'Scale';
/** 1 is linear; the margin is for noise, a quadratic cost would show as 2. */
const LINEARITY_TARGET = 1.15;

/**
 * The growth exponent k in time ∝ comments^k between neighbouring thread sizes: 1 is linear,
 * below 1 is fixed overhead showing, above 1 is worse than linear. The worst step is judged.
 */
export function linearity(points: readonly { comments: number; ms: number }[]): Row {
  const steps = points.slice(1).map((point, index) => {
    const previous = points[index] as { comments: number; ms: number };
    return {
      label: `${formatInt(previous.comments)}→${formatInt(point.comments)}`,
      exponent: Math.log(point.ms / previous.ms) / Math.log(point.comments / previous.comments),
    };
  });
  const worst = Math.max(...steps.map((step) => step.exponent));
  return {
    part: PART,
    figure: 'Thread page growth exponent k (time ∝ comments^k), worst step',
    measured: steps.map((step) => `${step.label}: ${formatRatio(step.exponent)}`).join(', '),
    ratio: formatRatio(worst),
    target: `≤ ${LINEARITY_TARGET} (linear)`,
    verdict: verdict(worst <= LINEARITY_TARGET),
  };
}
