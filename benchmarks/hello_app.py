"""The reference of the TUI rows: a hello-world Textual app, timed like tracker (tmux, capture-pane)."""
from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static

class HelloApp(App[None]):
    BINDINGS = [("q", "quit", "Quit")]
    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Hello, world")
        yield Footer()

if __name__ == "__main__":
    HelloApp().run()
