/**
 * The sidebar's poll intervals come from its settings (schema/sidebar.json):
 * the schema's defaults are the model's, and a change applies at once.
 */
import { Signal } from '@lumino/signaling';
import { afterEach, describe, expect, it, vi } from 'vitest';

import schema from '../../schema/sidebar.json';
import { QSessionApi } from '../api';
import { DEFAULT_INTERVALS, readIntervals, SidebarModel } from '../model';

/** The part of ISettingRegistry.ISettings the model reads. */
class FakeSettings {
  constructor(public values: Record<string, unknown> = {}) {}
  readonly changed = new Signal<this, void>(this);
  get(key: string) {
    return { composite: this.values[key] as never, user: undefined };
  }
  set(values: Record<string, unknown>): void {
    this.values = values;
    this.changed.emit();
  }
}

const models: SidebarModel[] = [];

afterEach(() => {
  while (models.length) {
    models.pop()!.dispose();
  }
});

function makeModel(): SidebarModel {
  const api = {
    items: vi.fn(),
    health: vi.fn(),
    workspace: vi.fn()
  } as unknown as QSessionApi;
  const model = new SidebarModel(api, () => true);
  models.push(model);
  return model;
}

describe('poll interval settings', () => {
  it('declares the model defaults in the schema', () => {
    expect(schema.properties.pendingInterval.default).toBe(
      DEFAULT_INTERVALS.pending
    );
    expect(schema.properties.idleInterval.default).toBe(DEFAULT_INTERVALS.idle);
    expect(schema.properties.maxInterval.default).toBe(DEFAULT_INTERVALS.max);
  });

  it('puts the sidebar in the View menu', () => {
    const view = schema['jupyter.lab.menus'].main.find(
      menu => menu.id === 'jp-mainmenu-view'
    );
    expect(view?.items.map(item => item.command)).toEqual([
      'qsession:open-sidebar'
    ]);
  });

  it('reads the settings, keeping defaults for missing or bad values', () => {
    expect(readIntervals(new FakeSettings())).toEqual(DEFAULT_INTERVALS);
    expect(
      readIntervals(
        new FakeSettings({
          pendingInterval: 1000,
          idleInterval: 'soon',
          maxInterval: 30000
        })
      )
    ).toEqual({ pending: 1000, idle: DEFAULT_INTERVALS.idle, max: 30000 });
    // The longest wait is never shorter than the others.
    expect(
      readIntervals(
        new FakeSettings({ idleInterval: 20000, maxInterval: 10000 })
      ).max
    ).toBe(20000);
  });

  it('polls at the configured interval, and follows a change', () => {
    const model = makeModel();
    const settings = new FakeSettings({
      pendingInterval: 1500,
      idleInterval: 8000,
      maxInterval: 40000
    });
    model.useSettings(settings as never);
    expect(model.poll.frequency.interval).toBe(1500);
    expect(model.poll.frequency.max).toBe(40000);
    settings.set({ pendingInterval: 3000, maxInterval: 90000 });
    expect(model.intervals).toEqual({
      pending: 3000,
      idle: DEFAULT_INTERVALS.idle,
      max: 90000
    });
    expect(model.poll.frequency.interval).toBe(3000);
    model.refresh();
    expect(model.poll.frequency.interval).toBe(3000);
  });
});
