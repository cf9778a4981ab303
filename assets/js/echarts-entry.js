// The ECharts build the app ships: only the charts and components it draws, bundled from the
// npm `echarts` package by esbuild (see Makefile). charming calls the global `echarts`, so the
// bundle sets `window.echarts`. Add a chart type here before using it from Rust.
import * as echarts from 'echarts/core';
import { BarChart, FunnelChart, LineChart, SankeyChart, ScatterChart } from 'echarts/charts';
import {
  AriaComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([
  BarChart,
  FunnelChart,
  LineChart,
  SankeyChart,
  ScatterChart,
  AriaComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
  CanvasRenderer,
]);

window.echarts = echarts;
