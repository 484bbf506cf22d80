//! Entry point: installs the panic hook and starts the app.

fn main() {
    console_error_panic_hook::set_once();
    caidan_app::start();
}
