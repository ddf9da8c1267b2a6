//! `armistice man`: the manual page, in roff (clap_mangen).

use clap::CommandFactory;

use super::common::OutputOptions;
use super::{Cli, Exit};

/// Arguments of `armistice man`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    #[command(flatten)]
    pub(crate) output: OutputOptions,
}

/// Runs `armistice man`: writes armistice(1), with a section per subcommand; exit 0,
/// or 2 if it cannot be written.
pub(crate) fn run(args: Args) -> Exit {
    let mut cmd = Cli::command();
    cmd.build();
    let mut buf = Vec::new();
    let mut render = || -> std::io::Result<()> {
        let man = clap_mangen::Man::new(cmd.clone());
        man.render_title(&mut buf)?;
        man.render_name_section(&mut buf)?;
        man.render_synopsis_section(&mut buf)?;
        man.render_description_section(&mut buf)?;
        man.render_options_section(&mut buf)?;
        man.render_subcommands_section(&mut buf)?;
        for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
            let about = sub.get_about().map(|a| a.to_string()).unwrap_or_default();
            let heading = format!(
                ".SH \"ARMISTICE {}\"\n{}\n",
                sub.get_name().to_uppercase(),
                roff_text(&about)
            );
            buf.extend_from_slice(heading.as_bytes());
            let page = clap_mangen::Man::new(sub.clone().bin_name(format!("armistice {}", sub.get_name())));
            page.render_synopsis_section(&mut buf)?;
            page.render_options_section(&mut buf)?;
        }
        man.render_version_section(&mut buf)?;
        Ok(())
    };
    if let Err(e) = render() {
        eprintln!("error: cannot render the manual page: {e}");
        return Exit::Error;
    }
    match args.output.write(&String::from_utf8_lossy(&buf)) {
        Ok(()) => Exit::Clean,
        Err(e) => e,
    }
}

/// Text for a roff line: backslashes doubled, and a leading `.` or `'` kept from being
/// read as a request.
fn roff_text(s: &str) -> String {
    let s = s.replace('\\', "\\e");
    if s.starts_with('.') || s.starts_with('\'') {
        format!("\\&{s}")
    } else {
        s
    }
}
