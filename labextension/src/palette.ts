/**
 * States' colours and icons, and the order of counts: a copy of the rules in
 * qsession_jupyter/views/display.py, so the sidebar and the notebook panel look
 * alike. tests/server/test_views.py fails when the two differ; keep the JSON
 * between the markers exactly as Python's tables (it is compared as JSON).
 */

export type Tone =
  'waiting' | 'running' | 'success' | 'error' | 'warn' | 'neutral';

export interface IPalette {
  /** Tone -> [JupyterLab theme variable, fallback colour]. */
  tones: Record<Tone, [string, string]>;
  /** Icon -> SVG path in a 16x16 view box. */
  icons: Record<string, string>;
  /** State -> [tone, icon]. */
  states: Record<string, [Tone, string]>;
  unknown: [Tone, string];
  countOrder: string[];
  missing: string;
}

// BEGIN PALETTE (generated from qsession_jupyter/views/display.py)
// prettier-ignore
export const PALETTE: IPalette = {
  "tones": {
    "waiting": [
      "--jp-ui-font-color2",
      "#616161"
    ],
    "running": [
      "--jp-brand-color1",
      "#1976d2"
    ],
    "success": [
      "--jp-success-color1",
      "#388e3c"
    ],
    "error": [
      "--jp-error-color1",
      "#d32f2f"
    ],
    "warn": [
      "--jp-warn-color1",
      "#f57c00"
    ],
    "neutral": [
      "--jp-ui-font-color2",
      "#616161"
    ]
  },
  "icons": {
    "clock": "M8 1a7 7 0 1 0 0 14A7 7 0 0 0 8 1zm0 1.6a5.4 5.4 0 1 1 0 10.8A5.4 5.4 0 0 1 8 2.6zM7.2 4v4.5l3.4 2 .8-1.3-2.6-1.6V4z",
    "play": "M8 1a7 7 0 1 0 0 14A7 7 0 0 0 8 1zM6 4.6l5.6 3.4L6 11.4z",
    "check": "M8 1a7 7 0 1 0 0 14A7 7 0 0 0 8 1zm-1.2 10.2L3.6 8l1.1-1.1 2.1 2.1 4.5-4.5 1.1 1.1z",
    "cross": "M8 1a7 7 0 1 0 0 14A7 7 0 0 0 8 1zm3.1 9L10 11.1 8 9.1l-2 2L4.9 10l2-2-2-2L6 4.9l2 2 2-2L11.1 6l-2 2z",
    "warning": "M8 1.5 15 14H1zm-.8 4.5v4h1.6V6zm0 5v1.6h1.6V11z",
    "slashed": "M8 1a7 7 0 1 0 0 14A7 7 0 0 0 8 1zm0 1.6c1.2 0 2.3.4 3.2 1.1l-7.5 7.5A5.4 5.4 0 0 1 8 2.6zm0 10.8c-1.2 0-2.3-.4-3.2-1.1l7.5-7.5A5.4 5.4 0 0 1 8 13.4z",
    "hourglass": "M3 1h10v1.6h-1v1.6c0 1.6-1 2.9-2.4 3.8C11 8.9 12 10.2 12 11.8v1.6h1V15H3v-1.6h1v-1.6c0-1.6 1-2.9 2.4-3.8C5 7.1 4 5.8 4 4.2V2.6H3zm2.6 1.6v1.6c0 1.2.9 2.2 2.4 3 1.5-.8 2.4-1.8 2.4-3V2.6z",
    "unknown": "M8 1a7 7 0 1 0 0 14A7 7 0 0 0 8 1zm-.8 10h1.6v1.6H7.2zM8 3.6c1.6 0 2.8 1 2.8 2.4 0 1.1-.7 1.6-1.3 2-.4.3-.7.5-.7 1v.4H7.2V9c0-1 .6-1.5 1.1-1.9.5-.3.9-.6.9-1.1 0-.5-.5-.9-1.2-.9S6.8 5.5 6.8 6.2H5.2C5.2 4.7 6.4 3.6 8 3.6z"
  },
  "states": {
    "Waiting": [
      "waiting",
      "clock"
    ],
    "Queued": [
      "waiting",
      "clock"
    ],
    "Executing": [
      "running",
      "play"
    ],
    "Finishing": [
      "running",
      "play"
    ],
    "Succeeded": [
      "success",
      "check"
    ],
    "Completed": [
      "success",
      "check"
    ],
    "Failed": [
      "error",
      "cross"
    ],
    "Failure(s)": [
      "warn",
      "warning"
    ],
    "CancellationRequested": [
      "warn",
      "slashed"
    ],
    "Cancelling": [
      "warn",
      "slashed"
    ],
    "Cancelled": [
      "neutral",
      "slashed"
    ],
    "TimedOut": [
      "warn",
      "hourglass"
    ]
  },
  "unknown": [
    "neutral",
    "unknown"
  ],
  "countOrder": [
    "Waiting",
    "Executing",
    "Finishing",
    "Cancelling",
    "Succeeded",
    "Failed",
    "Cancelled"
  ],
  "missing": "--"
};
// END PALETTE

export interface IStateStyle {
  tone: Tone;
  icon: string;
  /** SVG path of the icon. */
  path: string;
  /** A CSS colour: the theme variable, with a fallback. */
  colour: string;
}

export function stateStyle(state: string | null | undefined): IStateStyle {
  const [tone, icon] = (state && PALETTE.states[state]) || PALETTE.unknown;
  const [variable, fallback] = PALETTE.tones[tone];
  return {
    tone,
    icon,
    path: PALETTE.icons[icon],
    colour: `var(${variable}, ${fallback})`
  };
}
