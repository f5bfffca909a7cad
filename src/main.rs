fn main() -> std::process::ExitCode {
    kasseika::run_cli()
}
