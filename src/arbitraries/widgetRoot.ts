import * as fc from "fast-check";
import type { JsonValue } from "../model/json.js";
import type { WidgetRoot } from "../model/items.js";
import { readConstraints } from "./internal/check.js";
import { objectOf } from "./internal/json.js";
import { MODEL_KEYS, absoluteUrl, fields, iconName, list, readModel, type ModelConstraints, type ModelSettings } from "./internal/model.js";

const ROOT_TYPES = ["Card", "ListView", "Basic"] as const;
const COMPONENT_TYPES = [
  "Text", "Title", "Caption", "Markdown", "Row", "Col", "Box", "Button", "Image", "Icon", "Badge", "Divider",
  "Spacer", "ListViewItem", "Form", "Input", "Textarea", "Select", "Checkbox", "RadioGroup", "DatePicker", "Label", "Chart", "Transition",
] as const;
/** Props no released widget has: a newer SDK's or a template's. Stores keep them as given. */
const UNKNOWN_PROPS = ["customProp", "dataTestId", "xFutureField", "ariaLabel", "someNewProp", "v2Options", "__proto__"] as const;

function actionConfig(s: ModelSettings) {
  return fields<Record<string, unknown>>(
    { type: fc.oneof(fc.constantFrom("submit", "open_url", "sample.select", "custom.action"), s.text) },
    {
      payload: s.json,
      handler: fc.constantFrom("client", "server"),
      loadingBehavior: fc.constantFrom("auto", "none", "self", "container"),
      streaming: fc.boolean(),
    },
  );
}

function unknownProps(s: ModelSettings) {
  return fc.uniqueArray(fc.tuple(fc.constantFrom(...UNKNOWN_PROPS), s.json), { maxLength: 2, selector: ([k]) => k });
}

function withUnknown(known: Record<string, unknown>, unknown: readonly (readonly [string, JsonValue])[]): Record<string, unknown> {
  return Object.assign(objectOf(unknown.filter(([k]) => !Object.hasOwn(known, k))), known);
}

/** Widget root of `s.maxDepth` levels. @internal */
export function widgetRootOf(s: ModelSettings): fc.Arbitrary<WidgetRoot> {
  const action = actionConfig(s);
  const color = fc.oneof(fc.constantFrom("primary", "secondary", "#ff0000", "red-400"), fields({ light: fc.constant("#fff"), dark: fc.constant("#000") }));
  let component: fc.Arbitrary<Record<string, unknown>> = fc.constant({ type: "Divider" });
  for (let d = 0; d < Math.max(s.maxDepth, 1); d++) {
    const children = list(s, component);
    component = fc
      .tuple(
        fields<Record<string, unknown>>(
          { type: fc.constantFrom(...COMPONENT_TYPES) },
          {
            key: s.text,
            id: s.text,
            value: s.text,
            children,
            onClickAction: action,
            color,
            size: fc.constantFrom("sm", "md", "lg", "xl"),
            weight: fc.constantFrom("normal", "medium", "semibold", "bold"),
            streaming: fc.boolean(),
            src: absoluteUrl(),
            iconStart: iconName(s),
            gap: fc.oneof(fc.nat(8), fc.constant("auto")),
          },
        ),
        unknownProps(s),
      )
      .map(([known, unknown]) => withUnknown(known, unknown));
  }
  const root = fields<Record<string, unknown>>(
    { type: fc.constantFrom(...ROOT_TYPES), children: list(s, component) },
    {
      key: s.text,
      id: s.text,
      size: fc.constantFrom("sm", "md", "lg", "full"),
      padding: fc.oneof(fc.nat(8), fields({ x: fc.nat(8), y: fc.nat(8) })),
      background: color,
      asForm: fc.boolean(),
      collapsed: fc.boolean(),
      theme: fc.constantFrom("light", "dark"),
      limit: fc.oneof(fc.nat(20), fc.constant("auto")),
      status: fields({ text: s.text }, { icon: iconName(s), favicon: absoluteUrl() }),
      confirm: fields({ label: s.text, action }),
      cancel: fields({ label: s.text, action }),
      onClickAction: action,
    },
  );
  return fc.tuple(root, unknownProps(s)).map(([known, unknown]) => withUnknown(known, unknown) as WidgetRoot);
}

/**
 * A widget tree (`WidgetItem.widget`): a `Card`, `ListView` or `Basic` root with nested component
 * children (`Text`, `Row`, `Button`, …), camelCase props (`asForm`, `onClickAction` with an
 * `ActionConfig`), and props no released widget has (`customProp`, `v2Options`, even `__proto__`).
 * Stores treat the tree as opaque JSON and must round-trip it exactly (C-WIRE, C-ROUNDTRIP).
 *
 * @param constraints - see {@link ModelConstraints}; `maxDepth` is the depth of the component tree
 * @returns an arbitrary of widget roots
 * @throws {InvalidArgumentError} at once, for a bad constraint (`arb.widgetRoot: …`)
 */
export function widgetRoot(constraints: ModelConstraints = {}): fc.Arbitrary<WidgetRoot> {
  return widgetRootOf(readModel("widgetRoot", readConstraints("widgetRoot", constraints, MODEL_KEYS)));
}
