import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads a document with Foundation's XML parser: parsing it at all shows it is well-formed.
public enum WellFormedXML {
    /// True when `text` parses as XML.
    public static func check(_ text: String) -> Bool {
        XMLParser(data: Data(text.utf8)).parse()
    }
}
