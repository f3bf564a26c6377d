//! Runs the offline mock Together server standalone: prints its base URL and
//! serves until Ctrl-C.
//!
//! ```sh
//! cargo run --example mock_server --features mock
//! curl -s "$URL/models"
//! ```

use togetherai::mock::MockServer;

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let server = MockServer::start().await?;
    println!("{}", server.url());
    tokio::signal::ctrl_c().await?;
    Ok(())
}
