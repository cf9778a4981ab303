fn main() {
    outcomes_dashboard::start();
}
