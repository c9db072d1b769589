# nn_overlay(<out-var> <sources...>)
# Each source path is taken relative to the project root. In the solution build
# (NN_SOLUTIONS=ON) a source whose twin exists under solutions/ is replaced by it.
# Only .cpp files are ever overlaid: headers are shared, so student and reference
# object files stay interchangeable.
function(nn_overlay out_var)
  set(result "")
  foreach(src IN LISTS ARGN)
    get_filename_component(abs "${src}" ABSOLUTE)
    file(RELATIVE_PATH rel "${PROJECT_SOURCE_DIR}" "${abs}")
    set(twin "${PROJECT_SOURCE_DIR}/solutions/${rel}")
    if(NN_SOLUTIONS AND EXISTS "${twin}")
      list(APPEND result "${twin}")
    else()
      list(APPEND result "${abs}")
    endif()
  endforeach()
  set(${out_var} "${result}" PARENT_SCOPE)
endfunction()
