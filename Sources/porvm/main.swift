import PorvmCLI
#if canImport(Glibc)
import Glibc
#endif

exit(Porvm.main(Array(CommandLine.arguments.dropFirst())))
