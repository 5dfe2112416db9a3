extension ExplorerPage {
    /// The page around its data (`{{data}}`) and title (`{{title}}`): markup, style sheet and
    /// the script that reads the URL fragment, picks the precomputed run for the controls and
    /// draws it. The script computes no update rule; it maps numbers to pixels.
    static let template = #"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{title}}</title>
        <style>
        :root { --ink: #1a1a1a; --muted: #4a4a4a; --main: #0b5cad; --other: #b34700; --grid: #c8c8c8; --bad: #a50021; }
        * { box-sizing: border-box; }
        body { font-family: -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: var(--ink); background: #fff; margin: 0; line-height: 1.45; }
        header, main { max-width: 1180px; margin: 0 auto; padding: 0 1em; }
        h1 { font-size: 1.5em; margin: 0.8em 0 0.2em; }
        header p { margin: 0 0 0.8em; color: var(--muted); }
        main { display: grid; gap: 1.2em; grid-template-columns: 1fr; }
        @media (min-width: 900px) { main { grid-template-columns: 300px 1fr; } }
        .controls { display: flex; flex-direction: column; gap: 0.7em; }
        .control label, legend { font-weight: 600; }
        .control output { font-family: ui-monospace, Menlo, Consolas, monospace; margin-left: 0.4em; }
        input[type=range] { width: 100%; height: 2em; accent-color: var(--main); }
        fieldset { border: 1px solid var(--grid); border-radius: 4px; padding: 0.3em 0.7em 0.5em; margin: 0; }
        fieldset label { margin-right: 1em; display: inline-block; padding: 0.2em 0; }
        select { font: inherit; padding: 0.25em; width: 100%; }
        :focus-visible { outline: 3px solid #000; outline-offset: 2px; box-shadow: 0 0 0 5px #ffd400; }
        [disabled], .off { opacity: 0.55; }
        .note { color: var(--muted); font-size: 0.9em; margin: 0; }
        #command { white-space: pre-wrap; font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 0.85em; background: #f3f5f7; padding: 0.5em; border-radius: 4px; overflow-wrap: anywhere; margin: 0; }
        #readout { font-family: ui-monospace, Menlo, Consolas, monospace; background: #f3f5f7; border-left: 4px solid var(--main); padding: 0.5em 0.8em; margin: 0 0 0.8em; }
        #readout p { margin: 0.15em 0; overflow-wrap: anywhere; }
        #readout .diverged { color: var(--bad); font-weight: 700; }
        #readout .compared { color: var(--other); }
        .views { min-width: 0; }
        .charts { display: grid; gap: 1.2em; grid-template-columns: minmax(0, 820px); }
        figure { margin: 0; }
        figure svg { width: 100%; height: auto; display: block; }
        figcaption { color: var(--muted); font-size: 0.9em; }
        svg text { font: 15px -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; fill: var(--ink); }
        @media (max-width: 600px) { svg text { font-size: 22px; } }
        .axis { stroke: var(--ink); fill: none; }
        .contour { stroke: var(--grid); fill: none; }
        .main { stroke: var(--main); fill: none; stroke-width: 2.5; }
        .other { stroke: var(--other); fill: none; stroke-width: 2; stroke-dasharray: 6 4; }
        .dot-main { fill: var(--main); } .dot-other { fill: var(--other); }
        .notice { fill: var(--bad); font-weight: 700; }
        footer { max-width: 1180px; margin: 1.5em auto; padding: 0 1em; color: var(--muted); font-size: 0.85em; }
        </style>
        </head>
        <body id="explorer">
        <header>
        <h1>{{title}}</h1>
        <p>Move the learning rate and γ, flip the switches, and watch the path on f(x) = 0.1·x1² + 2·x2², the airfoil training from scratch and the step size each coordinate gets. Every number was computed by the Swift library when this page was written; the page only picks and draws them. The view is kept in the address (after #), so it can be linked.</p>
        </header>
        <main>
        <form class="controls" aria-label="Settings" onsubmit="return false">
          <div class="control"><label for="lr">learning rate η</label><output id="lr-value" for="lr"></output><input type="range" id="lr" min="0" step="1"></div>
          <div class="control" id="gamma-control"><label for="gamma">decay γ</label><output id="gamma-value" for="gamma"></output><input type="range" id="gamma" min="0" step="1"></div>
          <div class="control"><label for="steps">steps on f</label><output id="steps-value" for="steps"></output><input type="range" id="steps" min="1" step="1"></div>
          <fieldset id="placement-control"><legend>ε placement</legend><span id="placement-options"></span></fieldset>
          <fieldset id="centered-control"><legend>centred</legend><label><input type="checkbox" id="centered"> subtract the squared mean gradient</label></fieldset>
          <fieldset id="momentum-control"><legend>momentum</legend><span id="momentum-options"></span></fieldset>
          <div class="control"><label for="preset">preset</label><select id="preset"></select></div>
          <p class="note" id="preset-note"></p>
          <div class="control"><label for="compare">compare with</label><select id="compare"></select></div>
          <p id="command" aria-label="The same run on the command line"></p>
        </form>
        <section class="views" aria-label="Views">
          <div id="readout" role="status" aria-live="polite"><p id="readout-trace"></p><p id="readout-loss"></p><p id="readout-compared" class="compared"></p></div>
          <div class="charts">
            <figure><svg id="contour-view" viewBox="0 0 640 370" role="img" aria-labelledby="contour-caption"></svg><figcaption id="contour-caption">The path from (−5, −2) over the contour lines of f.</figcaption></figure>
            <figure><svg id="loss-view" viewBox="0 0 640 310" role="img" aria-labelledby="loss-caption"></svg><figcaption id="loss-caption">Training loss (log scale) against epoch: linear regression on the airfoil data from scratch.</figcaption></figure>
            <figure><svg id="step-view" viewBox="0 0 640 310" role="img" aria-labelledby="step-caption"></svg><figcaption id="step-caption">Effective step size of x1 and x2 after each step, η/√(s+ε) (η/(√s+ε) with ε outside; s − m² in place of s when centred), log scale.</figcaption></figure>
          </div>
        </section>
        </main>
        <footer>swift-d2l. The section is "RMSProp" of Dive into Deep Learning; the airfoil self-noise data is from the UCI Machine Learning Repository (Brooks, Pope, Marcolini), CC BY 4.0.</footer>
        <script type="application/json" id="explorer-data">{{data}}</script>
        <script>
        "use strict";
        const D = JSON.parse(document.getElementById("explorer-data").textContent);
        const $ = (id) => document.getElementById(id);
        const SVGNS = "http://www.w3.org/2000/svg";
        const state = { lr: 0, gamma: 0, placement: 0, centered: 0, momentum: 0, preset: D.preset, compare: "none", steps: 20 };
        const L = D.lr.length, G = D.gamma ? D.gamma.length : 1, M = D.momentum ? D.momentum.length : 1, C = D.centered ? D.centered.length : 1;

        function nearest(labels, text) {
          if (!labels) return 0;
          const exact = labels.indexOf(text);
          if (exact >= 0) return exact;
          const value = parseFloat(text);
          if (!isFinite(value)) return -1;
          let best = 0;
          labels.forEach((label, i) => { if (Math.abs(parseFloat(label) - value) < Math.abs(parseFloat(labels[best]) - value)) best = i; });
          return best;
        }
        function setDefaults() {
          state.lr = Math.max(0, D.lr.indexOf("0.4"));
          state.gamma = D.gamma ? Math.max(0, D.gamma.indexOf("0.9")) : 0;
          state.placement = 0; state.centered = 0; state.momentum = 0;
          state.preset = D.preset; state.compare = "none"; state.steps = 20;
        }
        function readFragment() {
          setDefaults();
          const params = new URLSearchParams(location.hash.slice(1));
          const pick = (key, labels, field) => { if (params.has(key)) { const i = nearest(labels, params.get(key)); if (i >= 0) state[field] = i; } };
          pick("lr", D.lr, "lr"); pick("gamma", D.gamma, "gamma"); pick("momentum", D.momentum, "momentum");
          if (params.has("placement") && D.placement) state.placement = Math.max(0, D.placement.indexOf(params.get("placement")));
          if (params.has("centered") && D.centered) state.centered = params.get("centered") === "1" ? 1 : 0;
          if (params.has("preset") && D.presets.includes(params.get("preset"))) state.preset = params.get("preset");
          if (params.has("compare") && (params.get("compare") === "none" || params.get("compare") in D.compared)) state.compare = params.get("compare");
          if (params.has("steps")) { const n = parseInt(params.get("steps"), 10); if (n >= 1) state.steps = Math.min(n, D.maxSteps); }
        }
        function writeFragment() {
          const params = new URLSearchParams();
          params.set("lr", D.lr[state.lr]);
          if (D.gamma) params.set("gamma", D.gamma[state.gamma]);
          if (state.preset === D.preset) {
            if (D.placement) params.set("placement", D.placement[state.placement]);
            if (D.centered) params.set("centered", D.centered[state.centered]);
            if (D.momentum) params.set("momentum", D.momentum[state.momentum]);
          }
          params.set("preset", state.preset); params.set("compare", state.compare); params.set("steps", state.steps);
          history.replaceState(null, "", "#" + params.toString());
        }
        function currentRun() {
          if (state.preset !== D.preset) return D.presetRuns[state.preset][state.gamma * L + state.lr];
          return D.main[(((state.placement * C + state.centered) * M + state.momentum) * G + state.gamma) * L + state.lr];
        }
        function points(run) { return run.p ? run.p.split(" ").map((pair) => pair.split(",")) : []; }
        function numbers(text) { return text ? text.split(" ").map(Number) : []; }

        function traceLine(run, steps) {
          if (run.r) return { text: "not available: " + run.r, diverged: true };
          if (run.d !== undefined && steps >= run.d) return { text: "diverged: the path leaves |x| ≤ 10⁶ at step " + run.d, diverged: true };
          const p = points(run)[steps];
          return { text: "epoch " + steps + ", x1 " + p[0] + ", x2 " + p[1], diverged: false };
        }
        function lossLine(run) {
          if (run.r) return { text: "", diverged: true };
          if (run.f) return { text: run.f, diverged: false };
          return { text: "diverged: the training stopped on a non-finite loss" + (run.s ? " at step " + run.s : ""), diverged: true };
        }

        function el(name, attributes, text) {
          const node = document.createElementNS(SVGNS, name);
          for (const key in attributes) node.setAttribute(key, attributes[key]);
          if (text !== undefined) node.textContent = text;
          return node;
        }
        function frame(svg, box) {
          svg.replaceChildren();
          const id = svg.id + "-clip";
          const defs = el("defs", {}); const clip = el("clipPath", { id: id });
          clip.appendChild(el("rect", { x: box.x, y: box.y, width: box.w, height: box.h }));
          defs.appendChild(clip); svg.appendChild(defs);
          svg.appendChild(el("rect", { x: box.x, y: box.y, width: box.w, height: box.h, class: "axis" }));
          const plot = el("g", { "clip-path": "url(#" + id + ")" }); svg.appendChild(plot);
          return plot;
        }
        function scale(d0, d1, p0, p1, log) {
          const f = log ? Math.log10 : (v) => v;
          const a = f(d0), b = f(d1);
          return (v) => p0 + (f(v) - a) / (b - a) * (p1 - p0);
        }
        function polyline(xs, ys, sx, sy) {
          let d = "";
          for (let i = 0; i < xs.length; i++) {
            const x = sx(xs[i]), y = sy(ys[i]);
            if (!isFinite(x) || !isFinite(y)) break;
            d += (d ? " L" : "M") + x.toFixed(1) + " " + y.toFixed(1);
          }
          return d;
        }
        function ticksLog(lo, hi) {
          const out = [];
          for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) {
            for (const m of [1, 2, 5]) { const v = m * Math.pow(10, e); if (v >= lo && v <= hi) out.push(v); }
          }
          if (out.length > 7) return out.filter((v) => String(v).startsWith("1"));
          if (out.length >= 3) return out;
          const dense = [];
          for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) {
            for (let m = 1; m < 10; m++) { const v = m * Math.pow(10, e); if (v >= lo && v <= hi) dense.push(+v.toPrecision(2)); }
          }
          return dense.length > 7 ? dense.filter((_, i) => i % 2 === 0) : dense;
        }
        function logLabel(v) { return v >= 0.01 && v < 1e4 ? String(+v.toPrecision(2)) : v.toExponential(0); }
        function axisLabels(svg, box, xticks, sx, yticks, sy, xName, yName, yFormat) {
          for (const t of xticks) { svg.appendChild(el("text", { x: sx(t), y: box.y + box.h + 20, "text-anchor": "middle" }, String(t))); }
          for (const t of yticks) { svg.appendChild(el("text", { x: box.x - 6, y: sy(t) + 4, "text-anchor": "end" }, yFormat(t))); }
          svg.appendChild(el("text", { x: box.x + box.w / 2, y: box.y + box.h + 44, "text-anchor": "middle" }, xName));
          svg.appendChild(el("text", { x: 14, y: box.y + box.h / 2, "text-anchor": "middle", transform: "rotate(-90 14 " + (box.y + box.h / 2) + ")" }, yName));
        }
        function legend(svg, box, entries) {
          entries.forEach((entry, i) => {
            const y = box.y + 20 + i * 24;
            svg.appendChild(el("line", { x1: box.x + box.w - 150, x2: box.x + box.w - 128, y1: y - 4, y2: y - 4, class: entry[1] }));
            svg.appendChild(el("text", { x: box.x + box.w - 122, y: y }, entry[0]));
          });
        }
        function notice(svg, box, text) {
          if (text) svg.appendChild(el("text", { x: box.x + 10, y: box.y + box.h - 10, class: "notice" }, text));
        }

        function drawContour(run, other) {
          const svg = $("contour-view"), box = { x: 50, y: 10, w: 570, h: 300 };
          const [x0, x1, y0, y1] = D.window;
          const sx = scale(x0, x1, box.x, box.x + box.w), sy = scale(y0, y1, box.y + box.h, box.y);
          const plot = frame(svg, box);
          for (const line of D.contours) {
            const pts = line.split(" ").map((p) => p.split(",").map(Number));
            plot.appendChild(el("path", { d: polyline(pts.map((p) => p[0]), pts.map((p) => p[1]), sx, sy), class: "contour" }));
          }
          const draw = (r, cls, id) => {
            if (!r || r.r) return;
            const pts = points(r).slice(0, state.steps + 1);
            plot.appendChild(el("path", { id: id, d: polyline(pts.map((p) => +p[0]), pts.map((p) => +p[1]), sx, sy), class: cls }));
            for (const p of pts) {
              const x = sx(+p[0]), y = sy(+p[1]);
              if (isFinite(x) && isFinite(y) && Math.abs(x) < 1e5 && Math.abs(y) < 1e5) plot.appendChild(el("circle", { cx: x.toFixed(1), cy: y.toFixed(1), r: 2.5, class: "dot-" + cls }));
            }
          };
          draw(other, "other", "path-compared");
          draw(run, "main", "path-main");
          axisLabels(svg, box, [-6, -4, -2, 0, 2, 4, 6], sx, [-3, -2, -1, 0, 1, 2, 3], sy, "x1", "x2", String);
          const entries = [[D.optimizer, "main"]]; if (other) entries.push([state.compare, "other"]);
          legend(svg, box, entries);
          const line = traceLine(run, state.steps);
          notice(svg, box, line.diverged ? (run.r ? "not available" : "diverged at step " + run.d) : "");
        }
        function drawLoss(run, other) {
          const svg = $("loss-view"), box = { x: 60, y: 10, w: 560, h: 240 };
          const xs = numbers(D.lossPositions);
          const curves = [[run, "main"], [other, "other"]].filter((c) => c[0] && !c[0].r).map((c) => [numbers(c[0].l), c[1]]);
          const values = curves.flatMap((c) => c[0]).filter((v) => isFinite(v) && v > 0);
          let lo = values.length ? Math.min(...values) : 0.1, hi = values.length ? Math.min(Math.max(...values), lo * 1e4) : 1;
          if (hi <= lo * 1.05) { lo /= 1.1; hi *= 1.1; }
          const sx = scale(0, D.epochs, box.x, box.x + box.w), sy = scale(lo, hi, box.y + box.h, box.y, true);
          const plot = frame(svg, box);
          for (const c of curves) plot.appendChild(el("path", { id: "loss-" + c[1], d: polyline(xs.slice(0, c[0].length), c[0], sx, sy), class: c[1] }));
          const xticks = []; for (let e = 0; e <= D.epochs; e += 0.5) xticks.push(e);
          axisLabels(svg, box, xticks, sx, ticksLog(lo, hi), sy, "epoch", "loss", logLabel);
          const entries = [[D.optimizer, "main"]]; if (other) entries.push([state.compare, "other"]);
          legend(svg, box, entries);
          notice(svg, box, run.r ? "not available" : (run.f ? "" : "diverged" + (run.s ? " at step " + run.s : "")));
        }
        function drawSteps(run) {
          const svg = $("step-view"), box = { x: 60, y: 10, w: 560, h: 240 };
          const plot = frame(svg, box);
          const sizes = run.e ? run.e.split(" ").slice(0, state.steps).map((p) => p.split(",").map(Number)) : [];
          const values = sizes.flat().filter((v) => isFinite(v) && v > 0);
          let lo = values.length ? Math.min(...values) : 0.01, hi = values.length ? Math.max(...values) : 1;
          if (hi <= lo * 1.05) { lo /= 1.5; hi *= 1.5; }
          const n = Math.max(state.steps, 2);
          const sx = scale(1, n, box.x, box.x + box.w), sy = scale(lo, hi, box.y + box.h, box.y, true);
          const steps = sizes.map((_, i) => i + 1);
          plot.appendChild(el("path", { id: "step-x1", d: polyline(steps, sizes.map((p) => p[0]), sx, sy), class: "main" }));
          plot.appendChild(el("path", { id: "step-x2", d: polyline(steps, sizes.map((p) => p[1]), sx, sy), class: "other" }));
          const xticks = []; const every = n <= 20 ? 5 : n <= 50 ? 10 : 20; for (let s = every; s <= n; s += every) xticks.push(s);
          const outside = state.preset === D.preset && D.placement && D.placement[state.placement] === "outside";
          const yName = state.preset !== D.preset ? "step size" : outside ? "η/(√s+ε)" : "η/√(s+ε)";
          axisLabels(svg, box, [1].concat(xticks), sx, ticksLog(lo, hi), sy, "step", yName, logLabel);
          legend(svg, box, [["x1", "main"], ["x2", "other"]]);
          notice(svg, box, run.r ? "not available" : !run.e ? "this optimizer keeps no mean square" : (run.d !== undefined && state.steps >= run.d ? "diverged at step " + run.d : ""));
        }

        function command(run) {
          const flags = ["--optimizer", D.optimizer, "--lr", D.lr[state.lr]];
          if (D.gamma) flags.push("--gamma", D.gamma[state.gamma]);
          if (state.preset === D.preset) {
            if (D.placement) flags.push("--eps-placement", D.placement[state.placement]);
            if (D.centered && state.centered) flags.push("--centered");
            if (D.momentum && D.momentum[state.momentum] !== "0") flags.push("--momentum", D.momentum[state.momentum]);
          }
          if (state.preset !== "book") flags.push("--preset", state.preset);
          const same = flags.join(" ");
          return "d2l trace " + same + " --steps " + state.steps + "\nd2l train " + same + (D.seed !== 0 ? " --seed " + D.seed : "");
        }
        function render() {
          const run = currentRun();
          const other = state.compare === "none" ? null : D.compared[state.compare][state.lr];
          $("lr-value").textContent = D.lr[state.lr];
          $("lr").setAttribute("aria-valuetext", "η " + D.lr[state.lr]);
          if (D.gamma) { $("gamma-value").textContent = D.gamma[state.gamma]; $("gamma").setAttribute("aria-valuetext", "γ " + D.gamma[state.gamma]); }
          $("steps-value").textContent = state.steps;
          const presetMode = state.preset !== D.preset;
          for (const id of ["placement", "centered", "momentum"]) {
            const box = $(id + "-control");
            box.querySelectorAll("input").forEach((input) => { input.disabled = presetMode; });
            box.classList.toggle("off", presetMode);
          }
          $("preset-note").textContent = presetMode ? "The " + state.preset + " preset sets ε, its placement, centring and momentum to its own defaults." : "";
          const t = traceLine(run, state.steps), l = lossLine(run);
          $("readout-trace").textContent = t.text; $("readout-trace").className = t.diverged ? "diverged" : "";
          $("readout-loss").textContent = l.text; $("readout-loss").className = l.diverged ? "diverged" : "";
          $("readout-compared").textContent = other ? state.compare + " (its section defaults, η " + D.lr[state.lr] + "): " + traceLine(other, state.steps).text + "; " + (lossLine(other).text) : "";
          $("command").textContent = command(run);
          drawContour(run, other); drawLoss(run, other); drawSteps(run);
        }
        function syncControls() {
          $("lr").value = state.lr; $("gamma").value = state.gamma; $("steps").value = state.steps;
          document.querySelectorAll("input[name=placement]").forEach((r) => { r.checked = +r.value === state.placement; });
          document.querySelectorAll("input[name=momentum]").forEach((r) => { r.checked = +r.value === state.momentum; });
          $("centered").checked = state.centered === 1;
          $("preset").value = state.preset; $("compare").value = state.compare;
        }
        function radios(container, name, labels) {
          labels.forEach((label, i) => {
            const wrap = document.createElement("label"); const input = document.createElement("input");
            input.type = "radio"; input.name = name; input.value = i;
            input.addEventListener("change", () => { state[name] = i; update(); });
            wrap.append(input, " " + label); container.appendChild(wrap);
          });
        }
        function update() { writeFragment(); render(); }
        function setup() {
          $("lr").max = L - 1; $("gamma").max = G - 1; $("steps").max = D.maxSteps;
          if (!D.gamma) $("gamma-control").hidden = true;
          if (D.placement) radios($("placement-options"), "placement", D.placement); else $("placement-control").hidden = true;
          if (D.momentum) radios($("momentum-options"), "momentum", D.momentum); else $("momentum-control").hidden = true;
          if (!D.centered) $("centered-control").hidden = true;
          for (const p of D.presets) $("preset").add(new Option(p === D.preset ? p + " (all switches)" : p, p));
          $("compare").add(new Option("none", "none"));
          for (const name in D.compared) $("compare").add(new Option(name, name));
          for (const key of ["lr", "gamma", "steps"]) $(key).addEventListener("input", () => { state[key] = +$(key).value; update(); });
          $("centered").addEventListener("change", () => { state.centered = $("centered").checked ? 1 : 0; update(); });
          $("preset").addEventListener("change", () => { state.preset = $("preset").value; update(); });
          $("compare").addEventListener("change", () => { state.compare = $("compare").value; update(); });
          window.addEventListener("hashchange", () => { readFragment(); syncControls(); render(); });
          readFragment(); syncControls(); render();
          document.body.dataset.readyMs = Math.round(performance.now());
        }
        setup();
        </script>
        </body>
        </html>

        """#
}
