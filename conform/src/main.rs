//! `togetherai-conform --url URL [--calls N]`: every operation of the
//! crate (as built from `TOGETHERAI_SPEC`) called `N` times (default 1)
//! through its typed builder against the server at `URL`, and the
//! [`togetherai::conform::Report`] as JSON on standard output. Exit 1 when
//! the report fails, 2 on bad arguments. `cargo xtask conform` builds and
//! runs it against Prism and renders the report. WebSocket sessions are not
//! opened: Prism serves none (the mock's session tests open them).

use std::process::ExitCode;
use std::time::Duration;

const USAGE: &str = "usage: togetherai-conform --url URL [--calls N]";

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let (url, calls) = match arguments(std::env::args().skip(1)) {
        Ok(parsed) => parsed,
        Err(e) => {
            eprintln!("{e}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let client = match togetherai::Client::builder()
        .api_key("conform-key")
        .base_url(&url)
        .timeout(Duration::from_secs(60))
        .build()
    {
        Ok(client) => client,
        Err(e) => {
            eprintln!("cannot make a client for {url}: {e}");
            return ExitCode::from(2);
        }
    };
    let report = togetherai::conform::run(&client, calls, false).await;
    match serde_json::to_string(&report) {
        Ok(json) => println!("{json}"),
        Err(e) => {
            eprintln!("cannot encode the report: {e}");
            return ExitCode::from(2);
        }
    }
    if report.passed() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn arguments(mut args: impl Iterator<Item = String>) -> Result<(String, usize), String> {
    let (mut url, mut calls) = (None, 1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--url" => url = Some(args.next().ok_or("--url needs a value")?),
            "--calls" => {
                let n = args.next().ok_or("--calls needs a value")?;
                calls = n.parse().map_err(|_| format!("--calls {n}: not a number"))?;
            }
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    Ok((url.ok_or("--url is required")?, calls))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<(String, usize), String> {
        arguments(args.iter().map(|a| a.to_string()))
    }

    #[test]
    fn arguments_need_a_url_and_take_a_count() {
        assert_eq!(parse(&["--url", "http://x"]), Ok(("http://x".into(), 1)));
        assert_eq!(parse(&["--calls", "20", "--url", "http://x"]), Ok(("http://x".into(), 20)));
        assert!(parse(&["--calls", "20"]).is_err());
        assert!(parse(&["--url", "http://x", "--calls", "many"]).is_err());
        assert!(parse(&["--verbose"]).is_err());
    }
}
