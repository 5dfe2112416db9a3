import D2LPlot
import Testing

struct ColorTests {
    @Test("the default cycle is matplotlib's tab10")
    func tab10() {
        #expect(Color.tab10.map(\.hex) == [
            "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
            "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
        ])
        #expect(Color.pathCycle.first?.hex == "#ff7f0e")
    }

    @Test("hexadecimal text reads back to the same colour and rejects malformed text")
    func hex() {
        #expect(Color(hex: "#0a0B0c")?.hex == "#0a0b0c")
        #expect(Color(hex: "ff7f0e") == Color(red: 255, green: 127, blue: 14))
        #expect(Color(hex: "#ff7f0") == nil)
        #expect(Color(hex: "#gg7f0e") == nil)
        #expect(Color(hex: "+f7f0e") == nil)
    }

    @Test("viridis runs from matplotlib's dark purple through teal to yellow")
    func viridis() {
        #expect(Colormap.viridis.color(at: 0).hex == "#440154")
        #expect(Colormap.viridis.color(at: 0.5).hex == "#21918c")
        #expect(Colormap.viridis.color(at: 1).hex == "#fde725")
        #expect(Colormap.viridis.color(at: -3) == Colormap.viridis.color(at: 0))
        #expect(Colormap.viridis.color(at: .nan) == Colormap.viridis.color(at: 0))
        #expect(Colormap.viridis.truncated(0, 0.5).color(at: 1).hex == "#21918c")
    }
}
