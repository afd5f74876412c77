/** A dashed horizontal line at `value` (break-even, a start bankroll), drawn under a uPlot chart's series. */
import type uPlot from 'uplot';

export function referenceLine(value: number): (u: uPlot) => void {
  return (u) => {
    const y = Math.round(u.valToPos(value, 'y', true));
    const { ctx } = u;
    ctx.save();
    ctx.strokeStyle = '#8a8f98';
    ctx.setLineDash([4, 4]);
    ctx.beginPath();
    ctx.moveTo(u.bbox.left, y);
    ctx.lineTo(u.bbox.left + u.bbox.width, y);
    ctx.stroke();
    ctx.restore();
  };
}
