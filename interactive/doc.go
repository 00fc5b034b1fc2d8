// Package interactive is gosh's read-eval loop: the conversation between
// the shell and the person at the terminal. It chooses the editor (line
// editing on a terminal that can move the cursor, plain reading
// otherwise), shows PS1 and PS2, prints the job notices before each
// prompt, decides what ^C, ^D and a hang-up at the prompt mean, and takes
// each line through history expansion, parsing, PS0 and running.
//
// It sits above the evaluator and sees it only through a shell.Session,
// as elvish's edit sees eval. The evaluator keeps all that a command can
// see or change (the prompt variables, PROMPT_COMMAND, the history list,
// complete's table, the startup files), because commands run in scripts
// and subshells too; the package comment of shell's session.go says
// where the line goes, and why. Nothing here touches a variable, a job or
// the terminal's process group: the loop asks.
//
// cmd/gosh passes Run to shell.Main, which calls it once an interactive
// shell has read its startup files.
package interactive
