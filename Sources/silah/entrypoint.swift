import SilahApp

@main
enum Entrypoint {
    static func main() async {
        await Silah.main()
    }
}
