/** Shared echarts styling for the dark screen. */
export const axisStyle = {
  axisLine: { lineStyle: { color: 'rgba(0, 200, 255, 0.35)' } },
  axisTick: { show: false },
  axisLabel: { color: '#9fc3e6', fontSize: 14 },
  splitLine: { lineStyle: { color: 'rgba(0, 200, 255, 0.1)', type: 'dashed' as const } },
};

export const tooltipStyle = {
  backgroundColor: 'rgba(3, 22, 52, 0.94)',
  borderColor: 'rgba(0, 229, 255, 0.6)',
  textStyle: { color: '#e6f7ff', fontSize: 14 },
};
