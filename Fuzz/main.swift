import Foundation

// SwiftPM links an executable's `main` to this file's code, so libFuzzer's own `main` is not used: its driver is
// called here with the target (`fuzzOne`) and the command line (libFuzzer's flags, corpus folders, or inputs to run).
@_silgen_name("LLVMFuzzerRunDriver")
func runDriver(_ argc: UnsafeMutablePointer<CInt>,
               _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
               _ target: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

var argc = CommandLine.argc
var argv = CommandLine.unsafeArgv
exit(runDriver(&argc, &argv) { data, size in fuzzOne(data, size) })
