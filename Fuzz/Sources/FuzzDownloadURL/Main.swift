import CFuzzDriver

/// The executable's entry point under SwiftPM, which links `main` to `<target>_main`: it hands
/// over to libFuzzer's driver with ``fuzzDownloadURL(_:_:)``.
@_cdecl("FuzzDownloadURL_main")
public func fuzzDownloadURLMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    var count = argc
    var arguments: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { bytes, size in fuzzDownloadURL(bytes!, size) }
}
