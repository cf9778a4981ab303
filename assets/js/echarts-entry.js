// The ECharts build the app ships: only the charts and components it draws, bundled from the
// npm `echarts` package by esbuild (see Makefile). The app's bindings (src/echarts.rs) call
// `echarts.init`, and the tests read charts back with `echarts.getInstanceByDom`; exporting only
// those two (not the whole `echarts/core` namespace) lets esbuild drop the rest of the API.
// Add a chart type here before using it from Rust.
import { getInstanceByDom, init, use } from 'echarts/core';
import { BarChart, FunnelChart, LineChart, SankeyChart, ScatterChart } from 'echarts/charts';
import {
  AriaComponent,
  GridComponent,
  LegendPlainComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

use([
  BarChart,
  FunnelChart,
  LineChart,
  SankeyChart,
  ScatterChart,
  AriaComponent,
  GridComponent,
  LegendPlainComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
  CanvasRenderer,
]);

window.echarts = { init, getInstanceByDom };
