import { LabIcon } from '@jupyterlab/ui-components';

/**
 * A Bloch-sphere-like mark. The theme recolours it through the `jp-icon3`
 * class: strokes on the outline group, fill on the state dot.
 */
const SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="16" height="16">
  <g class="jp-icon3" stroke="#616161" stroke-width="1.6">
    <circle cx="12" cy="12" r="8.5" fill="none"/>
    <ellipse cx="12" cy="12" rx="8.5" ry="3.2" fill="none"/>
    <path d="M12 12 L16.5 6.5" fill="none"/>
  </g>
  <circle class="jp-icon3" fill="#616161" cx="16.5" cy="6.5" r="2"/>
</svg>`;

export const sessionsIcon = new LabIcon({
  name: 'qsession-jupyter:sessions',
  svgstr: SVG
});
