// Every problem is reported at once, and the good parts are still generated: `Widget` exists.
graphdoc::models!("tests/ui/pages/several");

fn main() {
    let _ = Widget::default().label;
}
